export declare const BUNDLE: string;
export declare const INPUTS: string;
export declare function staleBundleReason(root: string): string | undefined;
