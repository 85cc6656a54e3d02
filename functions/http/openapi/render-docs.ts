/**
 * The OpenAPI document as one self-contained HTML page, rendered on the server: no scripts, nothing loaded
 * from elsewhere, one inline stylesheet allowed by its hash. Every text from the document is escaped.
 */
import { createHash } from 'node:crypto';
import { html, prose, SafeHtml } from './html.js';
import { refName, renderFields, schemaAnchor, schemaSummary, type SchemaContext } from './render-schema.js';
import { isRef, type Method, type OpenApiDocument, type Operation, type Parameter, type Response } from './types.js';

const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; color: #1d2327; }
h1 small { font-weight: normal; color: #646970; }
h2 { border-bottom: 2px solid #dcdcde; padding-bottom: .25rem; margin-top: 2.5rem; }
article { border: 1px solid #dcdcde; border-radius: 6px; padding: .25rem 1rem 1rem; margin: 1rem 0; }
code { font: 13px/1.4 ui-monospace, monospace; background: #f6f7f7; padding: 0 .2em; border-radius: 3px; }
.method { display: inline-block; min-width: 3.5em; text-align: center; color: #fff; border-radius: 3px; font-size: 13px; padding: 0 .4em; }
.method.get { background: #2271b1; } .method.post { background: #008a20; }
ul.fields, ul.alternatives { list-style: none; padding-left: 1.25rem; border-left: 2px solid #dcdcde; margin: .25rem 0; }
.type { color: #646970; } .required { color: #b32d2e; font-size: 13px; } .limits { color: #646970; font-size: 13px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; vertical-align: top; border-bottom: 1px solid #dcdcde; padding: .25rem .5rem; }
dt { font-weight: bold; margin-top: .5rem; }
`;

/** The page's Content-Security-Policy additions: nothing but its own stylesheet (by hash) may load. */
export const DOCS_CSP: Record<string, string> = {
  'default-src': "'none'",
  'style-src': `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`,
};

const anchor = (operation: Operation) => `op-${operation.operationId}`;

function parameters(list: Parameter[], context: SchemaContext): SafeHtml | '' {
  if (list.length === 0) return '';
  return html`<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Schema</th><th>Description</th></tr></thead><tbody>${list.map((parameter) => {
    const required = parameter.required ? html` <span class="required">required</span>` : '';
    return html`<tr><td><code>${parameter.name}</code>${required}</td><td>${parameter.in}</td><td>${schemaSummary(parameter.schema, context)}</td><td>${prose(parameter.description)}</td></tr>`;
  })}</tbody></table>`;
}

function responses(operation: Operation, { doc }: SchemaContext): SafeHtml {
  return html`<h4>Responses</h4><dl>${Object.entries(operation.responses).map(([status, value]) => {
    const response: Response | undefined = isRef(value) ? doc.components.responses[value.$ref.split('/').pop() ?? ''] : value;
    return html`<dt>${status}</dt><dd>${prose(response?.description)}${Object.entries(response?.content ?? {}).map(([mediaType, { schema }]) => {
      const name = refName(schema);
      return html`<div><code>${mediaType}</code>${name ? html` — <a href="#${schemaAnchor(name)}">${name}</a>` : ''}</div>`;
    })}</dd>`;
  })}</dl>`;
}

function operation(path: string, method: Method, op: Operation, context: SchemaContext): SafeHtml {
  const body = op.requestBody;
  return html`<article id="${anchor(op)}">
<h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
<p><strong>${op.summary}</strong></p>${op.description ? html`<p>${prose(op.description)}</p>` : ''}
<p>${op.security.length > 0 ? 'Needs a bearer token.' : 'Public: no token needed.'}</p>
${parameters(op.parameters, context)}${
    body
      ? html`<h4>Request body</h4>${body.description ? html`<p>${prose(body.description)}</p>` : ''}${Object.entries(body.content).map(
          ([mediaType, { schema }]) => html`<p><code>${mediaType}</code></p>${renderFields(schema, context)}`,
        )}`
      : ''
  }
${responses(op, context)}
</article>`;
}

/** Component schemas the responses name: listed once at the end, where the response links point. */
function responseSchemaNames(doc: OpenApiDocument): string[] {
  const names = new Set<string>();
  const responsesOf = [...Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => Object.values(op.responses))), ...Object.values(doc.components.responses)];
  for (const response of responsesOf) {
    if (isRef(response)) continue;
    for (const { schema } of Object.values(response.content ?? {})) {
      const name = refName(schema);
      if (name) names.add(name);
    }
  }
  return [...names].sort();
}

export function renderDocs(doc: OpenApiDocument): string {
  const context: SchemaContext = { doc, expanding: new Set() };
  const operationsByTag = doc.tags.map((tag) => ({
    tag,
    operations: Object.entries(doc.paths).flatMap(([path, item]) =>
      (Object.entries(item) as [Method, Operation][]).filter(([, op]) => op.tags.includes(tag.name)).map(([method, op]) => ({ path, method, op })),
    ),
  }));
  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} ${doc.info.version}</title>
<style>${new SafeHtml(STYLE)}</style>
</head>
<body>
<header>
<h1>${doc.info.title} <small>${doc.info.version}</small></h1>
<p>${prose(doc.info.description)}</p>
<p>Server: <code>${doc.servers[0]?.url}</code>. The same description as OpenAPI 3.1: <code>GET /openapi.json</code>.</p>
<p>Authentication: ${prose(doc.components.securitySchemes.bearerAuth?.description)}</p>
<p>Errors are <code>application/problem+json</code> (<a href="#${schemaAnchor('ProblemDetails')}">ProblemDetails</a>).</p>
</header>
<nav><h2>Contents</h2><ul>${operationsByTag.map(
    ({ tag, operations }) =>
      html`<li>${tag.name}<ul>${operations.map(({ path, method, op }) => html`<li><a href="#${anchor(op)}">${method.toUpperCase()} ${path}</a> — ${op.summary}</li>`)}</ul></li>`,
  )}<li><a href="#schemas">Schemas</a></li></ul></nav>
<main>
${operationsByTag.map(
  ({ tag, operations }) => html`<section>
<h2>${tag.name}</h2>
<p>${prose(tag.description)}${tag.externalDocs?.url.startsWith('https://') ? html` See <a href="${tag.externalDocs.url}">${tag.externalDocs.description ?? tag.externalDocs.url}</a>.` : ''}</p>
${operations.map(({ path, method, op }) => operation(path, method, op, context))}
</section>`,
)}
<section id="schemas">
<h2>Schemas</h2>
${responseSchemaNames(doc).map((name) => {
  const schema = doc.components.schemas[name] ?? {};
  return html`<article id="${schemaAnchor(name)}"><h3>${name}</h3>${typeof schema.description === 'string' ? html`<p>${prose(schema.description)}</p>` : ''}${renderFields(schema, { doc, expanding: new Set([name]) })}</article>`;
})}
</section>
</main>
</body>
</html>
`;
  return page.value;
}
