"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

/** A header link that says when it is the page being shown (aria-current), as GitHub's tabs do. */
export function NavLink({
  href,
  className,
  children,
  marked = true,
}: {
  href: string;
  className: string;
  children: ReactNode;
  /** False for the brand link: current, but not underlined. */
  marked?: boolean;
}) {
  const current = usePathname() === href;
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className={
        !marked
          ? className
          : `${className} aria-[current=page]:text-zinc-950 aria-[current=page]:underline aria-[current=page]:decoration-2 aria-[current=page]:underline-offset-[6px] dark:aria-[current=page]:text-white`
      }
    >
      {children}
    </Link>
  );
}
