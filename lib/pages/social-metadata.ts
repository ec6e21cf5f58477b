import type { Metadata } from "next";

export const SITE_NAME = "Commonplace";

/** public/social-preview.png: the card a shared link shows on chat apps and social sites. */
const PREVIEW = {
  url: "/social-preview.png",
  width: 1200,
  height: 630,
  alt: "Commonplace: open AI datasets you can verify, as JSONL, Parquet, CSV and Croissant with sha256 checksums.",
};

/**
 * Open Graph and Twitter card fields. A page's `openGraph` replaces its parent's whole, so a page with its own title
 * gives all of them; relative URLs resolve against the root layout's metadataBase (APP_URL). `path` is the page's
 * own URL: left out on the layout, whose fields every other page inherits.
 */
export function socialMetadata({ title, description, path }: { title: string; description: string; path?: string }): Pick<Metadata, "openGraph" | "twitter"> {
  return {
    openGraph: { type: "website", siteName: SITE_NAME, title, description, ...(path ? { url: path } : {}), images: [PREVIEW] },
    twitter: { card: "summary_large_image", title, description, images: [PREVIEW] },
  };
}
