/**
 * Open311 errors: the spec fixes the status codes (404 missing resource, 403 missing or bad api_key, 400
 * anything else) and the body, a list of `{code, description}`, so several problems can be told at once.
 */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

export class Open311Error extends Error {
  override readonly name = 'Open311Error';
  readonly errors: Open311ErrorItem[];

  constructor(
    readonly status: number,
    descriptions: readonly string[],
    /** Extra response headers (`allow` on a 405). */
    readonly headers: Record<string, string> = {},
  ) {
    super(descriptions.join('; '));
    this.errors = descriptions.map((description) => ({ code: status, description }));
  }
}

export const notFound = (description: string): Open311Error => new Open311Error(404, [description]);
export const forbidden = (description: string): Open311Error => new Open311Error(403, [description]);
export const badRequest = (descriptions: readonly string[]): Open311Error => new Open311Error(400, descriptions);

/**
 * Collects the problems of one request, so a client fixing its form sees all of them in one answer
 * rather than one per round trip.
 */
export class Problems {
  private readonly list: string[] = [];

  add(description: string): void {
    this.list.push(description);
  }

  /** Throws a 400 naming every problem found, if there was one. */
  throwIfAny(): void {
    if (this.list.length > 0) throw badRequest(this.list);
  }
}
