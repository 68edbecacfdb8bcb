import {quote} from '../../lib/shell.js';

/** The shells `authdeck completion` writes a script for. */
export const completionShells = ['bash', 'zsh', 'fish'] as const;
export type CompletionShell = (typeof completionShells)[number];

/** The variable the scripts hand the command tree over in, so a lookup never builds it again. */
export const specVariable = 'AUTHDECK_COMPLETE_SPEC';

// Each script asks `authdeck __complete SHELL -- WORDS...` for the candidates of the last word; the
// command tree rides along in AUTHDECK_COMPLETE_SPEC, so the lookup reads nothing but the metadata
// file. Errors are dropped: a completion must never print into the command line being edited.

const bash = (spec: string) => `# authdeck completion for bash: add to ~/.bashrc
#   source <(authdeck completion bash)
__authdeck_spec=${quote(spec, 'bash')}
_authdeck() {
	local line files=
	COMPREPLY=()
	while IFS= read -r line; do
		if [[ $line == :files ]]; then files=1; continue; fi
		line=\${line%%$'\\t'*}
		# Quoted for the command line: an organization name may hold spaces.
		COMPREPLY+=("$(printf '%q' "$line")")
	done < <(${specVariable}=$__authdeck_spec authdeck __complete bash -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
	if [[ -n $files ]]; then compopt -o default 2>/dev/null; fi
	return 0
}
complete -F _authdeck authdeck
`;

const zsh = (spec: string) => `#compdef authdeck
# authdeck completion for zsh: add to ~/.zshrc, after compinit
#   source <(authdeck completion zsh)
typeset -g __authdeck_spec=${quote(spec, 'zsh')}
_authdeck() {
	local -a lines candidates
	local line value description files
	lines=("\${(@f)$(${specVariable}=$__authdeck_spec authdeck __complete zsh -- "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
	for line in $lines; do
		[[ -z $line ]] && continue
		if [[ $line == :files ]]; then files=1; continue; fi
		value=\${line%%$'\\t'*}
		description=\${line#*$'\\t'}
		value=\${value//:/\\\\:}
		if [[ $line == *$'\\t'* ]]; then candidates+=("$value:$description"); else candidates+=("$value"); fi
	done
	(( \${#candidates} )) && _describe -t authdeck authdeck candidates
	[[ -n $files ]] && _files
	return 0
}
compdef _authdeck authdeck
`;

const fish = (
	spec: string,
) => `# authdeck completion for fish: save as ~/.config/fish/completions/authdeck.fish
#   authdeck completion fish > ~/.config/fish/completions/authdeck.fish
set -g __authdeck_spec ${quote(spec, 'fish')}
function __authdeck_complete
	set -l words (commandline -opc) (commandline -ct)
	set -e words[1]
	set -lx ${specVariable} $__authdeck_spec
	for line in (authdeck __complete fish -- $words 2>/dev/null)
		if test "$line" = :files
			__fish_complete_path (commandline -ct)
		else
			printf '%s\\n' $line
		end
	end
end
complete -c authdeck -f -a '(__authdeck_complete)'
`;

/** The completion script for one shell, with the command tree (JSON) built in. */
export function completionScript(shell: CompletionShell, spec: string): string {
	switch (shell) {
		case 'bash':
			return bash(spec);
		case 'zsh':
			return zsh(spec);
		case 'fish':
			return fish(spec);
		default:
			throw new Error(`no completion for ${String(shell)}`);
	}
}
