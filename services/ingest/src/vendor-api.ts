/**
 * Fetch-by-id from the vendors' APIs: a webhook says what changed, the API says what it now is
 * (a notification carries only the newest part, and is not trusted to be whole).
 */
export class VendorFetchError extends Error {}

async function getJson(
  fetchImpl: typeof fetch,
  url: string,
  headers: Record<string, string>,
): Promise<unknown> {
  let res: Response;
  try {
    res = await fetchImpl(url, {
      headers: { accept: 'application/json', ...headers },
      signal: AbortSignal.timeout(10_000),
    });
  } catch (e) {
    throw new VendorFetchError(`GET ${url} failed: ${(e as Error).message}`);
  }
  if (!res.ok) throw new VendorFetchError(`GET ${url} answered ${res.status}`);
  return res.json();
}

/** Zendesk: Show Ticket and List Comments (with the comments' users sideloaded), as one record. */
export async function fetchZendeskTicket(
  fetchImpl: typeof fetch,
  baseUrl: string,
  auth: { user?: string; token?: string },
  ticketId: string,
): Promise<unknown> {
  const headers: Record<string, string> =
    auth.user && auth.token
      ? { authorization: `Basic ${Buffer.from(`${auth.user}:${auth.token}`).toString('base64')}` }
      : {};
  const base = baseUrl.replace(/\/$/, '');
  const id = encodeURIComponent(ticketId);
  const ticket = (await getJson(fetchImpl, `${base}/api/v2/tickets/${id}.json`, headers)) as {
    ticket?: unknown;
  };
  // List Comments pages (100 a page, `next_page` until null); a long ticket spans several.
  const comments: unknown[] = [];
  const users: unknown[] = [];
  let next: string | null = `${base}/api/v2/tickets/${id}/comments.json?include=users`;
  for (let page = 0; next && page < 50; page++) {
    const body = (await getJson(fetchImpl, next, headers)) as {
      comments?: unknown;
      users?: unknown;
      next_page?: unknown;
    };
    if (Array.isArray(body.comments)) comments.push(...(body.comments as unknown[]));
    if (Array.isArray(body.users)) users.push(...(body.users as unknown[]));
    next = typeof body.next_page === 'string' && body.next_page.startsWith(base) ? body.next_page : null;
  }
  return { ticket: ticket.ticket, comments, users };
}

/** Intercom: Retrieve a Conversation (with its parts). */
export function fetchIntercomConversation(
  fetchImpl: typeof fetch,
  baseUrl: string,
  token: string | undefined,
  conversationId: string,
): Promise<unknown> {
  return getJson(
    fetchImpl,
    `${baseUrl.replace(/\/$/, '')}/conversations/${encodeURIComponent(conversationId)}`,
    token ? { authorization: `Bearer ${token}` } : {},
  );
}
