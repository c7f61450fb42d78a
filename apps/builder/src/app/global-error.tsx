'use client';

/**
 * Errors in the root layout itself (e.g. an invalid API_URL, rejected by env.ts) land here. It
 * replaces the whole document, so it carries its own minimal styling.
 */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body
        style={{
          margin: 0,
          minHeight: '100vh',
          display: 'grid',
          placeItems: 'center',
          fontFamily: 'ui-sans-serif, system-ui, sans-serif',
          background: '#f7f7f8',
          color: '#18181b',
        }}
      >
        <title>Parley is not available</title>
        <main style={{ textAlign: 'center', maxWidth: 420, padding: 24 }}>
          <h1 style={{ fontSize: 18, margin: '0 0 8px' }}>Parley could not start this page</h1>
          <p style={{ color: '#71717a', margin: '0 0 16px' }}>
            The server logs say why (often a misconfigured <code>API_URL</code>).
          </p>
          <button
            type="button"
            onClick={() => retry()}
            style={{
              height: 32,
              padding: '0 14px',
              borderRadius: 6,
              border: '1px solid #4f46e5',
              background: '#4f46e5',
              color: '#fff',
              font: 'inherit',
              cursor: 'pointer',
            }}
          >
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
