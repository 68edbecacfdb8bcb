/** The settings of a webhook credential, by type: shared by the vault and the catalogue. */

export type CredentialType = 'bearer' | 'oauth2' | 'hmac';
export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
/** How an HMAC credential's signature is laid out (source/webhooks/schemes.ts has the data). */
export type SignatureScheme = 'stripe' | 'github' | 'standard' | 'slack' | 'shopify' | 'custom';

/** Settings of a credential used to authenticate webhook calls. */
export type CredentialSettings =
	| {
			readonly type: 'bearer';
			/** @default 'Authorization' */
			readonly headerName: string;
			/** Send `Bearer <token>`; off for legacy headers such as `X-Vapi-Secret`. */
			readonly bearerPrefix: boolean;
	  }
	| {
			readonly type: 'oauth2';
			readonly tokenUrl: string;
			readonly clientId: string;
			readonly scope?: string;
			/** How the client authenticates at the token URL. @default 'client_secret_basic' */
			readonly authMethod?: 'client_secret_basic' | 'client_secret_post';
	  }
	| {
			readonly type: 'hmac';
			/** Absent on credentials saved before schemes existed: those are `custom`. */
			readonly scheme?: SignatureScheme;
			readonly algorithm: HmacAlgorithm;
			readonly signatureHeader: string;
			readonly timestampHeader?: string;
			/** How the signed payload is formed, e.g. `{body}` or `{timestamp}.{body}`. */
			readonly payloadFormat: string;
	  };
