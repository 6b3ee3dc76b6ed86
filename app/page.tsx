import { redirect } from "next/navigation";
import { hrefs } from "@/lib/contract/hrefs";

export default function Home() {
  redirect(hrefs.overview("default"));
}
