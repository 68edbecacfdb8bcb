/** A sample user of the local identity provider. */
export type SampleUser = {
	readonly id: string;
	readonly email: string;
	readonly name: string;
	readonly password: string;
	/** Organisations, the first being the one tokens are issued for. */
	readonly organizations: ReadonlyArray<{
		readonly id: string;
		readonly name: string;
		readonly role?: string;
	}>;
};

export const sampleUsers: readonly SampleUser[] = [
	{
		id: 'user-alice',
		email: 'alice@acme.test',
		name: 'Alice Admin',
		password: 'alice-demo',
		organizations: [
			{id: 'org_acme', name: 'Acme Corp', role: 'owner'},
			{id: 'org_globex', name: 'Globex Labs', role: 'member'},
		],
	},
	{
		id: 'user-bob',
		email: 'bob@acme.test',
		name: 'Bob Builder',
		password: 'bob-demo',
		organizations: [{id: 'org_acme', name: 'Acme Corp', role: 'member'}],
	},
	{
		id: 'user-carol',
		email: 'carol@globex.test',
		name: 'Carol Client',
		password: 'carol-demo',
		organizations: [{id: 'org_globex', name: 'Globex Labs', role: 'owner'}],
	},
];
