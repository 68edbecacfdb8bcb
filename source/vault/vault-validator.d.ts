/** The metadata schema, compiled ahead of time (see validator-codegen.ts). */
declare const validate: ((data: unknown) => boolean) & {
	errors?: Array<{instancePath: string; message?: string}> | null;
};
export default validate;
