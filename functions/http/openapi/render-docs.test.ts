/** The docs page: every operation and field is on it, nothing from the document can become markup. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PERSON_ACTIONS } from '../native/schemas.js';
import { ROUTES } from '../routes.js';
import { openApiDocument } from './document.js';
import { escapeHtml, html, prose, SafeHtml } from './html.js';
import { DOCS_CSP, renderDocs } from './render-docs.js';

const documentWith = (mutate: (doc: ReturnType<typeof openApiDocument>) => void) => {
  const doc = openApiDocument({ serverUrl: 'https://api.example.gov.cn', version: '1.0.0' });
  mutate(doc);
  return doc;
};

describe('html', () => {
  it('escapes every value and passes fragments it built', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p>${inner}${['<', new SafeHtml('<br>')]}${undefined}${false}${3}</p>`.value).toBe('<p><b>&lt;i&gt;</b>&lt;<br>3</p>');
    expect(prose('use `<x>` or `y`').value).toBe('use <code>&lt;x&gt;</code> or <code>y</code>');
  });
});

describe('the docs page', () => {
  const page = renderDocs(documentWith(() => undefined));

  it('shows every operation with its method and path, every intake field and every action', () => {
    for (const route of ROUTES.filter((candidate) => candidate.method !== 'ANY')) expect(page).toContain(`<span class="method ${route.method.toLowerCase()}">${route.method}</span> <code>${route.path}</code>`);
    for (const field of ['channel', 'categoryCode', 'location', 'lon', 'reporter', 'photoUrls']) expect(page).toContain(`<code class="name">${field}</code>`);
    for (const action of PERSON_ACTIONS) expect(page).toContain(`<li><strong>${action}</strong>`);
    expect(page).toContain('id="schema-CaseView"');
    expect(page).toContain('id="schema-ProblemDetails"');
  });

  it('has no script, loads nothing from elsewhere, and its stylesheet is the one the CSP allows', () => {
    expect(page).not.toMatch(/<script|<link|<img|<iframe|\son\w+=/i);
    const style = /<style>([\s\S]*?)<\/style>/.exec(page)?.[1] ?? '';
    expect(DOCS_CSP['style-src']).toBe(`'sha256-${createHash('sha256').update(style).digest('base64')}'`);
    expect(DOCS_CSP['default-src']).toBe("'none'");
  });

  it('escapes text from the document wherever it appears', () => {
    const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const escaped = renderDocs(
      documentWith((doc) => {
        doc.info.title = hostile;
        doc.components.schemas.CaseView!.description = hostile;
        (doc.components.schemas.IntakeBody!.properties as Record<string, { description?: string }>).channel!.description = hostile;
        doc.paths['/cases']!.post!.parameters[0]!.description = hostile;
        doc.tags[0]!.description = hostile;
      }),
    );
    expect(escaped).not.toContain('<script');
    expect(escaped).not.toContain('<img');
    expect(escaped).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });
});
