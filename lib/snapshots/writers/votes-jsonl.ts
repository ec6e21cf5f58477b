import { voteRowJson, type VoteRow } from "../rows";
import type { ByteSink, WriteResult } from "../storage";
import { writeJsonLines } from "./jsonl";

/** votes.jsonl: every vote on the snapshot's items, keys in `VOTE_COLUMNS` order, in the order given. */
export function writeVotesJsonl(votes: AsyncIterable<VoteRow>, sink: ByteSink): Promise<WriteResult> {
  return writeJsonLines(votes, sink, voteRowJson);
}
