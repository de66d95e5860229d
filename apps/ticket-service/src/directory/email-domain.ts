/** The domain of an email address, lower-cased: `Ana@Sub.Example.COM` → `sub.example.com`. */
export function emailDomain(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1 || at === email.length - 1) return null;
  return email
    .slice(at + 1)
    .trim()
    .toLowerCase();
}

/**
 * The domains to look an email up under, most specific first, so that `it.acme.com` matches an
 * organization registered for `acme.com` when no organization claims `it.acme.com` itself.
 */
export function candidateDomains(email: string): string[] {
  const domain = emailDomain(email);
  if (!domain) return [];
  const labels = domain.split('.');
  const out: string[] = [];
  for (let i = 0; i <= labels.length - 2; i += 1) out.push(labels.slice(i).join('.'));
  return out;
}
