"use client";

import { useEffect, useRef, useState } from "react";
import { erc20Abi, type Address } from "viem";
import { useChainId, useConnect, useConnection, useConnectors, useDisconnect, useReadContracts, useSwitchChain } from "wagmi";
import { chainFor } from "@/lib/chain/config";
import { fundBurner } from "@/lib/wallet/fund-burner";
import { formatTokenAmount, shortHex } from "../format";
import { Icon } from "../icons";
import { useAppSettings } from "./app-settings";
import { WALLET_BUTTON_CLASS } from "./button-style";
import { useSession, useSignIn, useSignOut } from "./use-session";


/** `defaultOpen`: the menu starts open, for a click that arrived before this control had loaded (lazy-wallet.tsx). */
export function WalletButton({ defaultOpen = false }: { defaultOpen?: boolean }) {
  const { address, status, connector } = useConnection();
  const { settings } = useAppSettings();
  const chainId = useChainId();
  const [open, setOpen] = useState(defaultOpen);
  const { profile, loading } = useSession();
  const signIn = useSignIn();
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !ref.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);

  const connected = status === "connected" && !!address;
  const wrongChain = connected && connector?.id !== "burner" && chainId !== settings.chainId;

  return (
    <div className="relative flex items-center gap-2" ref={ref}>
      {connected && !profile && !loading && !wrongChain && (
        <button
          type="button"
          onClick={() => signIn.mutate()}
          disabled={signIn.isPending}
          className="rounded-full bg-brand-600 px-4 py-2 text-sm font-semibold whitespace-nowrap text-white shadow-sm hover:bg-brand-700 disabled:opacity-60"
        >
          {signIn.isPending ? "Check your wallet…" : "Sign in"}
        </button>
      )}
      {connected && wrongChain && <SwitchChainButton chainId={settings.chainId} />}
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="wallet-menu"
        data-signed-in={profile ? "true" : "false"}
        onClick={() => setOpen((v) => !v)}
        className={WALLET_BUTTON_CLASS}
      >
        {connected ? (
          <>
            <span aria-hidden className={`size-2 rounded-full ${profile ? "bg-brand-500" : "bg-amber-400"}`} />
            {profile && <TokenBalance address={address} />}
            <span className="font-mono" data-testid="wallet-address">
              {shortHex(address)}
            </span>
          </>
        ) : (
          <span>{status === "connecting" || status === "reconnecting" ? "Connecting…" : "Connect wallet"}</span>
        )}
      </button>
      {signIn.error && (
        <p role="alert" className="absolute top-full right-0 mt-2 w-72 rounded-lg bg-red-50 p-3 text-sm text-red-800 shadow">
          {signIn.error.message}
        </p>
      )}
      {open && (
        <div role="menu" className="absolute top-full right-0 z-20 mt-2 w-72 rounded-xl border border-stone-200 bg-white p-2 shadow-lg">
          {connected ? <AccountMenu address={address} signedIn={!!profile} onDone={() => setOpen(false)} /> : <ConnectorList onDone={() => setOpen(false)} />}
        </div>
      )}
    </div>
  );
}

function ConnectorList({ onDone }: { onDone: () => void }) {
  const connectors = useConnectors();
  const { mutateAsync: connect, isPending, error } = useConnect();
  const { settings } = useAppSettings();
  // The generic "Injected" connector duplicates EIP-6963 wallets once any is discovered.
  const discovered = connectors.filter((c) => c.type === "injected" && c.id !== "injected" && c.id !== "burner");
  const list = discovered.length > 0 ? [...discovered, ...connectors.filter((c) => c.id === "burner")] : connectors;
  return (
    <div>
      <p className="px-2 pt-1 pb-2 text-xs font-semibold tracking-wide text-stone-500 uppercase">Connect a wallet</p>
      <ul className="space-y-1">
        {list.map((c) => (
          <li key={c.uid}>
            <button
              type="button"
              role="menuitem"
              disabled={isPending}
              onClick={async () => {
                if (c.id === "burner") {
                  const { burnerAddress } = await import("./wagmi-config");
                  await fundBurner(chainFor(settings), burnerAddress());
                }
                await connect({ connector: c, chainId: settings.chainId });
                onDone();
              }}
              className="flex w-full items-center gap-3 rounded-lg px-2 py-2 text-left text-sm hover:bg-stone-100"
            >
              {c.icon ? (
                // eslint-disable-next-line @next/next/no-img-element -- wallet icons are data URIs from EIP-6963
                <img src={c.icon} alt="" className="size-6 rounded" />
              ) : (
                <span className="grid size-6 place-items-center rounded bg-stone-100 text-stone-600">
                  <Icon name={c.id === "burner" ? "key" : "wallet"} className="size-4" />
                </span>
              )}
              <span className="flex-1">
                <span className="block font-medium">{c.id === "injected" ? "Browser wallet" : c.name}</span>
                {c.id === "burner" && <span className="block text-xs text-stone-500">Local chain only · key kept in this browser</span>}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {list.length === 0 && <p className="px-2 py-2 text-sm text-stone-600">No wallet found in this browser.</p>}
      {error && (
        <p role="alert" className="px-2 pt-2 text-sm text-red-700">
          {error.message.split("\n")[0]}
        </p>
      )}
    </div>
  );
}

function AccountMenu({ address, signedIn, onDone }: { address: Address; signedIn: boolean; onDone: () => void }) {
  const { mutate: disconnect } = useDisconnect();
  const signOut = useSignOut();
  const [copied, setCopied] = useState(false);
  const item = "flex w-full rounded-lg px-2 py-2 text-left text-sm hover:bg-stone-100";
  return (
    <div>
      <p className="px-2 pt-1 pb-2 font-mono text-xs break-all text-stone-600">{address}</p>
      <button
        type="button"
        role="menuitem"
        className={item}
        onClick={async () => {
          await navigator.clipboard?.writeText(address);
          setCopied(true);
        }}
      >
        {copied ? "Copied" : "Copy address"}
      </button>
      {signedIn && (
        <button type="button" role="menuitem" className={item} onClick={() => signOut.mutate(undefined, { onSuccess: onDone })}>
          Sign out
        </button>
      )}
      <button
        type="button"
        role="menuitem"
        className={item}
        onClick={async () => {
          if (signedIn) await signOut.mutateAsync();
          disconnect();
          onDone();
        }}
      >
        Disconnect
      </button>
    </div>
  );
}

function SwitchChainButton({ chainId }: { chainId: number }) {
  const { mutate: switchChain, isPending } = useSwitchChain();
  return (
    <button
      type="button"
      onClick={() => switchChain({ chainId })}
      disabled={isPending}
      className="rounded-full bg-amber-500 px-4 py-2 text-sm font-semibold text-white hover:bg-amber-600"
    >
      Switch network
    </button>
  );
}

function TokenBalance({ address }: { address: Address }) {
  const { deployment } = useAppSettings();
  const token = deployment?.token;
  const { data } = useReadContracts({
    contracts: token
      ? ([
          { address: token, abi: erc20Abi, functionName: "symbol" },
          { address: token, abi: erc20Abi, functionName: "decimals" },
          { address: token, abi: erc20Abi, functionName: "balanceOf", args: [address] },
        ] as const)
      : [],
    query: { enabled: !!token, refetchInterval: 15_000 },
  });
  if (!data || data.some((r) => r.status !== "success")) return null;
  const [symbol, decimals, balance] = data.map((r) => r.result) as [string, number, bigint];
  const amount = formatTokenAmount(balance, 2, decimals);
  return (
    <span className="hidden border-r border-stone-200 pr-2 tabular-nums sm:inline" data-testid="token-balance">
      {amount} {symbol}
    </span>
  );
}
