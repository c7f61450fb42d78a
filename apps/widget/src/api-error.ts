/** A refusal from the API: `status` is the HTTP status (404 unknown channel, 403 origin, 401 token). */
export class WidgetApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
