
/** A configuration the app cannot run on; the message says what to set. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * The origins this app is served from, from configuration only (APP_URL: one origin or several,
 * separated by commas or spaces). Sign-in messages must name one of them and state-changing
 * requests must come from one of them; request headers (Host, X-Forwarded-Host, Origin) never
 * decide it, so a phishing site cannot have a signature for itself accepted here. Outside
 * production the default is http://localhost:$PORT; production refuses to start without APP_URL.
 */
export function appOrigins(env: Record<string, string | undefined> = process.env): string[] {
  const configured = (env.APP_URL ?? "").split(/[\s,]+/).filter(Boolean);
  if (configured.length === 0) {
    if (env.NODE_ENV === "production") throw new ConfigError("APP_URL is required in production: the public origin(s) of the app, e.g. https://commonplace.example.");
    return [`http://localhost:${env.PORT || 3000}`];
  }
  return configured.map((value) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError(`APP_URL holds "${value}", which is not a URL. Give origins such as https://commonplace.example.`);
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") throw new ConfigError(`APP_URL origin "${value}" must be http or https.`);
    return url.origin;
  });
}

/** The first configured origin: the one links in exported files and emails point to. */
export const primaryOrigin = (env: Record<string, string | undefined> = process.env): string => appOrigins(env)[0] as string;

/** Cookies carry Secure when the app is served over https (judged from configuration, not from the request). */
export const secureCookies = (env: Record<string, string | undefined> = process.env): boolean => primaryOrigin(env).startsWith("https:");
