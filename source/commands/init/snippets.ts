/**
 * What `mcp-terminal init SHELL` prints for the shell's rc file, kept as real shell files
 * next to this one (bundled as text by esbuild). Each records every command the person
 * runs (command line, exit status, directory, session) with a background
 * `mcp-terminal record`, so the prompt never waits; skips a command typed with a leading
 * space; and binds Ctrl-R to the TUI, putting the chosen command (Tab) on the command line.
 */
import BASH from './integration.bash';
import FISH from './integration.fish';
import ZSH from './integration.zsh';

export const SNIPPETS = { bash: BASH, zsh: ZSH, fish: FISH } as const;
