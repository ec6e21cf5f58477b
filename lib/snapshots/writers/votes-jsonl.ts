import { decisionRowJson, voteRowJson, type DecisionRow, type VoteRow } from "../rows";
import type { ByteSink, WriteResult } from "../storage";
import { writeJsonLines } from "./jsonl";

/** votes.jsonl: every vote on the decided items of decisions.jsonl, in its order then by validator, keys in VOTE_COLUMNS order. */
export function writeVotesJsonl(votes: AsyncIterable<VoteRow>, sink: ByteSink): Promise<WriteResult> {
  return writeJsonLines(votes, sink, voteRowJson);
}

/** decisions.jsonl: the decided items whose replay the snapshot's rows and rewards rest on, keys in DECISION_COLUMNS order. */
export function writeDecisionsJsonl(decisions: AsyncIterable<DecisionRow>, sink: ByteSink): Promise<WriteResult> {
  return writeJsonLines(decisions, sink, decisionRowJson);
}
