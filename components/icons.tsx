import type { SVGProps } from "react";

const PATHS = {
  pen: "M4 20h4L19 9l-4-4L4 16v4zM13.5 6.5l4 4",
  scale: "M12 4v16M7 20h10M5 8h14M5 8l-3 6a3 3 0 0 0 6 0L5 8zm14 0-3 6a3 3 0 0 0 6 0l-3-6zM12 4l-1-1h2l-1 1",
  layers: "M12 3 3 8l9 5 9-5-9-5zM3 13l9 5 9-5M3 17.5l9 5 9-5",
  coin: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9 9.5c0-1.1 1.3-2 3-2s3 .9 3 2-1.3 1.6-3 2-3 .9-3 2 1.3 2 3 2 3-.9 3-2M12 5.5v2M12 16.5v2",
  compass: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM15.5 8.5l-2 5-5 2 2-5 5-2z",
  key: "M15 7a4 4 0 1 1-3.9 4.9L4 19v2h3v-2h2v-2h2l1.6-1.6A4 4 0 0 1 15 7z",
  bolt: "M13 2 4 14h7l-1 8 9-12h-7l1-8z",
  wallet: "M3 7a2 2 0 0 1 2-2h13v4M3 7v10a2 2 0 0 0 2 2h15V9H5a2 2 0 0 1-2-2zM16 14h.01",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, ...props }: { name: IconName } & SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="1.75" strokeLinecap="round" strokeLinejoin="round" aria-hidden {...props}>
      <path d={PATHS[name]} />
    </svg>
  );
}
