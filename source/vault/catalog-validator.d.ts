/** The catalogue files' schemas, compiled ahead of time (see validator-codegen.ts). */
type Validate = ((data: unknown) => boolean) & {
	errors?: Array<{instancePath: string; message?: string}> | null;
};
export declare const validateProvider: Validate;
export declare const validateAccount: Validate;
export declare const validateCredential: Validate;
