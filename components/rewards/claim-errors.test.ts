import { BaseError, ContractFunctionExecutionError, ContractFunctionRevertedError, UserRejectedRequestError, encodeErrorResult } from "viem";
import { describe, expect, it } from "vitest";
import { snapshotDistributorAbi } from "@/lib/chain/abi";
import { ClaimRevertedError, claimErrorMessage } from "./claim-errors";

const revert = (errorName: "NothingToClaim" | "InvalidProof") =>
  new ContractFunctionExecutionError(
    new ContractFunctionRevertedError({ abi: snapshotDistributorAbi, functionName: "claim", data: encodeErrorResult({ abi: snapshotDistributorAbi, errorName }) }),
    { abi: snapshotDistributorAbi, functionName: "claim", args: [] },
  );

describe("claimErrorMessage", () => {
  it("names a rejection in the wallet", () => {
    expect(claimErrorMessage(new UserRejectedRequestError(new Error("User rejected the request.")))).toMatch(/rejected the request/);
    expect(claimErrorMessage(new Error("MetaMask Tx Signature: User denied transaction signature."))).toMatch(/rejected the request/);
  });

  it("explains the distributor's custom errors", () => {
    expect(claimErrorMessage(revert("NothingToClaim"))).toMatch(/^Nothing left to claim/);
    expect(claimErrorMessage(revert("InvalidProof"))).toMatch(/refused the proof/);
  });

  it("reports a mined revert and falls back to the short message", () => {
    expect(claimErrorMessage(new ClaimRevertedError("0xabc"))).toMatch(/reverted: nothing was paid/);
    expect(claimErrorMessage(new BaseError("RPC down.\nDetails: …"))).toBe("RPC down.");
  });
});
