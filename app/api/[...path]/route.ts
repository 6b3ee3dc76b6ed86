// Any other /api path – a JSON 404, so scripts never have to parse an HTML error page.
import { jsonRoute } from "@/lib/api/route";
import { RedriveError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const notFound = jsonRoute<{ path: string[] }>({ public: true }, async ({ params }) => {
  throw new RedriveError("not_found", `No API route at /api/${params.path.join("/")}`);
});

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
