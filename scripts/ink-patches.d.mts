import type { Plugin } from 'esbuild';

export declare const yogaWithoutFetch: Plugin;
export declare const inkOutputAcrossFrames: Plugin;
export declare const inkFullscreenChangedLines: Plugin;
export declare const inkTextOnce: Plugin;
