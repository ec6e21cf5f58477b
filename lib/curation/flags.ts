/** What a validator can flag, with the key that toggles it on /validate. */
export const VOTE_FLAGS = [
  { id: "spam", label: "Spam", key: "s" },
  { id: "duplicate", label: "Duplicate", key: "d" },
  { id: "personal-data", label: "Personal data", key: "p" },
  { id: "offensive", label: "Offensive", key: "o" },
  { id: "off-topic", label: "Off-topic", key: "t" },
  { id: "low-quality", label: "Low quality", key: "l" },
] as const;

export type VoteFlag = (typeof VOTE_FLAGS)[number]["id"];
export const VOTE_FLAG_IDS = VOTE_FLAGS.map((f) => f.id) as [VoteFlag, ...VoteFlag[]];

/** The reason a contributor reads for a rejection: the weightiest flag in words, or the consensus reason as is. */
export function rejectionReason(reason: string): string {
  const flag = VOTE_FLAGS.find((f) => f.id === reason);
  return flag ? `Flagged by validators: ${flag.label.toLowerCase()}` : reason.charAt(0).toUpperCase() + reason.slice(1);
}
