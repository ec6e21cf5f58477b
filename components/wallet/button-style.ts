/** The header's wallet button, shared by its stand-in (lazy-wallet.tsx) so the swap never moves the layout. */
export const WALLET_BUTTON_CLASS = "flex items-center gap-2 rounded-full border border-stone-300 bg-white px-3 py-2 text-sm font-medium shadow-sm hover:border-stone-400";
