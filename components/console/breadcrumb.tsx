// "Topics /" style link back to the list a detail page belongs to.
import Link from "next/link";

export function Breadcrumb({ href, label }: { href: string; label: string }) {
  return (
    <nav aria-label="Breadcrumb" className="text-xs">
      <Link href={href} className="text-muted hover:text-fg hover:underline">
        {label}
      </Link>
      <span aria-hidden="true" className="px-1 text-muted">
        /
      </span>
    </nav>
  );
}
