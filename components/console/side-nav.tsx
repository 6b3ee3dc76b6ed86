"use client";
// The console's main navigation: a sidebar on wide screens, a scrollable strip of links on narrow ones.
import clsx from "clsx";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { hrefs } from "@/lib/contract/hrefs";
import { useMe } from "@/lib/query/me";
import { useClusterInScope } from "./use-cluster-param";

type NavItem = { label: string; href: string; exact: boolean; icon: string };

const SETTINGS_ICON =
  "M8 10a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4";

export function SideNav() {
  const pathname = usePathname();
  const cluster = useClusterInScope();
  const { data: me } = useMe();
  const items: NavItem[] = [
    { label: "Clusters", href: hrefs.clusters(), exact: true, icon: "M2 3h12v3.5H2zM2 9.5h12V13H2zM4.5 4.75h.01M4.5 11.25h.01" },
    { label: "Overview", href: hrefs.overview(cluster), exact: true, icon: "M2 2h5v5H2zM9 2h5v5H9zM2 9h5v5H2zM9 9h5v5H9z" },
    {
      label: "Dead-letter queues",
      href: hrefs.dlqs(cluster),
      exact: false,
      icon: "M2 4h12v8H2zM2 4l6 4.5L14 4M5.5 10.5l5-5M10.5 10.5l-5-5",
    },
    { label: "Topics", href: hrefs.topics(cluster), exact: false, icon: "M2 3.5h12M2 8h12M2 12.5h12" },
    {
      label: "Consumer groups",
      href: hrefs.groups(cluster),
      exact: false,
      icon: "M5 6.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM11 6.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4ZM1.5 13.5c0-2 1.5-3.5 3.5-3.5s3.5 1.5 3.5 3.5M7.5 13.5c0-2 1.5-3.5 3.5-3.5s3.5 1.5 3.5 3.5",
    },
    // Every role: viewers follow jobs, operators also steer them.
    { label: "Jobs", href: hrefs.jobs(), exact: false, icon: "M2 3.5h12M2 8h8M2 12.5h4.5M11 10.5l3 2-3 2z" },
  ];
  // Only hints: the pages and the APIs behind them check the role themselves.
  if (me && me.user.role !== "viewer") {
    items.push({ label: "Audit log", href: hrefs.audit(), exact: false, icon: "M4 1.5h6l3 3v10H4zM6.5 7h4M6.5 9.5h4M6.5 12h2.5" });
  }
  if (me?.user.role === "admin") {
    items.push({ label: "Settings", href: hrefs.settings(), exact: false, icon: SETTINGS_ICON });
  }

  return (
    <nav aria-label="Main" className="min-w-0">
      <ul className="flex gap-1 overflow-x-auto md:flex-col md:overflow-visible">
        {items.map((item) => {
          const current = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href} className="shrink-0">
              <Link
                href={item.href}
                aria-current={current ? "page" : undefined}
                className={clsx(
                  "flex items-center gap-2 rounded-md px-2.5 py-1.5 text-sm whitespace-nowrap",
                  current ? "bg-accent-soft font-medium text-accent" : "text-muted hover:bg-surface-2 hover:text-fg",
                )}
              >
                <svg
                  aria-hidden="true"
                  viewBox="0 0 16 16"
                  className="size-4 shrink-0 max-sm:hidden"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.4"
                  strokeLinejoin="round"
                >
                  <path d={item.icon} />
                </svg>
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
