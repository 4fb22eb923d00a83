// Secrets never reach a message: every line pereklad prints, and every error body a server echoes
// back, goes through `redact`. The known keys (DEEPL_AUTH_KEY, PEREKLAD_LLM_API_KEY) are replaced
// wherever they appear, and so is anything shaped like a credential in an Authorization header or a
// DeepL Free key (uuid:fx; a Pro key is a bare uuid, like glossary ids, so only the known key is caught), which a proxy or a server may echo.
const ENV_SECRETS = ['DEEPL_AUTH_KEY', 'PEREKLAD_LLM_API_KEY'];

const PATTERNS: RegExp[] = [
  /\b(Authorization\s*[:=]\s*"?)(?:DeepL-Auth-Key|Bearer|Basic)?\s*[^\s",}]+/giu,
  /\b(auth_key\s*[=:]\s*"?)[^\s"&,}]+/giu,
  /()\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:fx\b/giu,
  /()\bsk-[A-Za-z0-9_-]{16,}\b/gu,
];

export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  for (const secret of [...secrets, ...ENV_SECRETS.map((name) => process.env[name])]) {
    if (secret && secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  for (const pattern of PATTERNS) out = out.replace(pattern, (_m, prefix: string) => `${prefix}[redacted]`);
  return out;
}
