/** The one error shape every HTTP answer uses (DESIGN.md, "HTTP"). */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    hint?: string;
    /** The Engine's own words, kept when the Engine said no. */
    engine?: { status: number; message: string };
  };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly engine?: { status: number; message: string },
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.hint ? { hint: this.hint } : {}),
        ...(this.engine ? { engine: this.engine } : {}),
      },
    };
  }
}
