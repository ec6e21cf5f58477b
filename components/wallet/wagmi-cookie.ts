/** wagmi keeps its connection state in the cookie `${key}.store`; the server hands browsers that cookie and nothing else. */
export const WAGMI_STORAGE_KEY = "wagmi";
export const WAGMI_STATE_COOKIE = `${WAGMI_STORAGE_KEY}.store`;
