import { buildOpenApiDocument } from '@malipo/contract';

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/**
 * The contract's OpenAPI document as this gateway publishes it: its one server is the gateway's
 * public URL, so "Try it" in the reference and generated clients call this gateway. The
 * contract's own default (a `http://{host}:{port}` template) is for the committed docs/openapi.json.
 */
export function publicOpenApiDocument(publicUrl: string): OpenApiDocument {
  return {
    ...buildOpenApiDocument(),
    servers: [{ url: publicUrl, description: 'This gateway.' }],
  };
}
