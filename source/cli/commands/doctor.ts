import type {Command} from 'commander';
import {fail} from '../../lib/errors.js';
import {toJson} from '../../lib/json.js';
import {exitProcess} from '../../vault/keychain.js';
import {jsonOption} from '../options.js';
import {print} from '../output.js';

/** `authdeck doctor [--fix]`: the checks and repairs are in doctor-report.ts, loaded when it runs. */
export function registerDoctor(program: Command): void {
	program
		.command('doctor')
		.description(
			'Check the vault: files, locks, left-over secrets, keychain, clock, proxy; --fix repairs',
		)
		.option(
			'--fix',
			'apply the safe repairs (modes, stale locks, left-over secrets) and say what was done',
		)
		.addOption(jsonOption())
		// Not through action(): doctor must run on the vault that makes openContext fail or hang.
		.action(async (options: {fix?: boolean; json?: boolean}) => {
			let code: number;
			try {
				const {doctor, doctorExitCode, doctorJson, formatDoctor} = await import(
					'./doctor-report.js'
				);
				const report = await doctor({fix: options.fix});
				print(options.json ? toJson(doctorJson(report)) : formatDoctor(report));
				code = doctorExitCode(report);
			} catch (error) {
				code = fail(error);
			}

			exitProcess(code);
		});
}
