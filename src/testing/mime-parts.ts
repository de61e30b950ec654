/** The body of a MIME part, decoded as its Content-Transfer-Encoding says (mailparser is not a dependency). */
function decodeBody(headers: string, body: string): string {
  const cte = /^content-transfer-encoding:\s*([\w-]+)/im.exec(headers)?.[1]?.toLowerCase();
  if (cte === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (cte === 'quoted-printable') {
    // Soft line breaks go; =XX are bytes of the UTF-8 text.
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}

/**
 * The leaf parts of a raw email as an SMTP server received it (text/plain, text/html, images…),
 * decoded, through any nesting of multipart/* parts. For tests that read what was sent.
 */
export function mimeParts(raw: string): { type: string; content: string }[] {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = raw.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const type = /^content-type:\s*([^;\r\n]+)/im.exec(headers)?.[1]?.trim().toLowerCase() ?? 'text/plain';
  if (!type.startsWith('multipart/')) return [{ type, content: decodeBody(headers, body) }];
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(headers)![1]!;
  return body.split(`--${boundary}`).slice(1, -1).flatMap((part) => mimeParts(part.replace(/^\r?\n/, '')));
}
