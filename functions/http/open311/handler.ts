/**
 * The Open311 GeoReport v2 endpoint, independent of any transport: route, check the jurisdiction (and for
 * a POST the api_key), answer in the format the path names. Every failure is answered in the spec's error
 * shape, in that format.
 */
import { Open311Error, notFound } from './errors.js';
import { discovery } from './discovery.js';
import { languageOf, type Language } from './language.js';
import { checkJurisdiction } from './params.js';
import { CONTENT_TYPES, renderBody, type Format, type Value } from './render.js';
import { getRequest, getRequests } from './requests-get.js';
import { postParams, formValue } from './post-form.js';
import { postRequest } from './requests-post.js';
import { checkMethod, formatOf, routeOf } from './routes.js';
import { serviceDefinition, services } from './services.js';
import type { Open311Deps, Open311Request, Open311Response } from './types.js';

const CONTENT_LANGUAGE: Record<Language, string> = { en: 'en', zh: 'zh-CN' };

function respond(status: number, format: Format, root: string, value: Value, extra: Record<string, string> = {}): Open311Response {
  return { status, headers: { 'content-type': CONTENT_TYPES[format], ...extra }, body: renderBody(format, root, value) };
}

/** An error's format: the path's if it names one, else what the client accepts, else XML (the spec's must-have). */
function errorFormat(request: Open311Request): Format {
  return formatOf(request.path) ?? (/application\/json/i.test(request.headers.accept ?? '') ? 'json' : 'xml');
}

function errorResponse(request: Open311Request, error: Open311Error): Open311Response {
  return respond(error.status, errorFormat(request), 'errors', error.errors.map(({ code, description }) => ({ code, description })), error.headers);
}

async function answer(request: Open311Request, deps: Open311Deps): Promise<Open311Response> {
  const { route, format } = routeOf(request.path);
  checkMethod(route, request.method);
  const language = languageOf(request.headers);
  const localized = { 'content-language': CONTENT_LANGUAGE[language], vary: 'Accept-Language' };
  const ok = (root: string, value: Value) => respond(200, format, root, value, localized);
  const extensions = request.query.extensions?.trim().toLowerCase() === 'true';

  if (route.endpoint === 'requests' && request.method.toUpperCase() === 'POST') {
    const form = postParams(request.body, request.headers['content-type'], request.query);
    checkJurisdiction({ jurisdiction_id: formValue(form, 'jurisdiction_id') }, deps);
    const result = await postRequest(deps, form, request.headers, language);
    const location = `${deps.baseUrl.replace(/\/+$/, '')}/requests/${encodeURIComponent(result.caseId)}.${format}`;
    // A retry that found its case is answered 200, a new case 201; clients accept any 2xx.
    return respond(result.created ? 201 : 200, format, 'service_requests', result.body, { ...localized, location });
  }

  checkJurisdiction(request.query, deps);
  switch (route.endpoint) {
    case 'discovery':
      return ok('discovery', discovery(deps, language));
    case 'services':
      return ok('services', services(deps.city, language));
    case 'serviceDefinition':
      return ok('service_definition', serviceDefinition(deps.city, route.serviceCode, language));
    case 'requests':
      return ok('service_requests', await getRequests(deps, request.query, { language, extensions }));
    case 'request':
      return ok('service_requests', await getRequest(deps, route.requestId, { language, extensions }));
    case 'token':
      // Requests are created while the POST waits, so no token is ever issued and none can be looked up.
      throw notFound(`there is no token '${route.token}': this endpoint creates requests at once and answers with service_request_id`);
  }
}

/** Answers one Open311 request. Never throws: unexpected failures become a 500 in the Open311 error shape. */
export async function handleOpen311(request: Open311Request, deps: Open311Deps): Promise<Open311Response> {
  try {
    return await answer(request, deps);
  } catch (error) {
    if (error instanceof Open311Error) return errorResponse(request, error);
    (deps.warn ?? ((message, cause) => console.error(message, cause)))('open311: request failed', error);
    return errorResponse(request, new Open311Error(500, ['the request could not be completed; try again later']));
  }
}
