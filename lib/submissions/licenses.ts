/** Licenses a contributor may declare for an item (SPDX identifiers, as dataset cards expect). */
export const LICENSES = [
  { id: "CC-BY-4.0", label: "CC BY 4.0 — attribution" },
  { id: "CC-BY-SA-4.0", label: "CC BY-SA 4.0 — attribution, share-alike" },
  { id: "CC0-1.0", label: "CC0 1.0 — public domain dedication" },
  { id: "ODC-By-1.0", label: "ODC-By 1.0 — open data, attribution" },
  { id: "MIT", label: "MIT" },
  { id: "Apache-2.0", label: "Apache 2.0" },
] as const;

export type LicenseId = (typeof LICENSES)[number]["id"];
export const LICENSE_IDS = LICENSES.map((l) => l.id) as [LicenseId, ...LicenseId[]];
