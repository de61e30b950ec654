import type { FastifyReply } from 'fastify';
import type { PackDocument } from '../domains/rituals/pack-document.js';
import { renderPackPage } from '../domains/rituals/render/pack-page.js';
import { renderPackPdf } from '../domains/rituals/render/pack-pdf.js';

/**
 * The printable page is a document of its own, not the web app: its one <style> element is
 * allowed, and nothing else (no scripts, nothing loaded from anywhere).
 */
export const PACK_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A pack or daily dashboard as a printable HTML page or a PDF file named after its kind and period. */
export async function sendPackAs(reply: FastifyReply, doc: PackDocument, format: 'html' | 'pdf', publicUrl: string): Promise<FastifyReply> {
  if (format === 'html') return reply.type('text/html; charset=utf-8').header('content-security-policy', PACK_PAGE_CSP).send(renderPackPage(doc, { baseUrl: publicUrl }));
  const file = `${doc.kind.replace(/_/g, '-')}-${doc.period}.pdf`.replace(/[^A-Za-z0-9._-]/g, '_');
  return reply.type('application/pdf').header('content-disposition', `attachment; filename="${file}"`).send(await renderPackPdf(doc, { baseUrl: publicUrl }));
}
