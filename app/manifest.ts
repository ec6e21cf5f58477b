import type { MetadataRoute } from "next";
import { SITE_NAME } from "@/lib/pages/social-metadata";

/** /manifest.webmanifest, linked from every page: the name, colours and icons an installed or bookmarked app shows. */
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: `${SITE_NAME}: curated data for AI`,
    short_name: SITE_NAME,
    description: "Submit valuable content, vote on its quality, download the open datasets it becomes, and claim rewards on-chain.",
    start_url: "/",
    display: "standalone",
    background_color: "#fafaf9",
    theme_color: "#0f766e",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
