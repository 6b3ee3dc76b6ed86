import { redirect } from "next/navigation";
import { hrefs } from "@/lib/query/hrefs";

export default function Home() {
  redirect(hrefs.overview("default"));
}
