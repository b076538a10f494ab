/** What Qinglang looks for. Every signal scores some of these; flags and sanctions are per category. */
export const CATEGORIES = ['gambling', 'porn', 'tipping'] as const;
export type Category = (typeof CATEGORIES)[number];
export type CategoryScores = Partial<Record<Category, number>>;

/** Flag categories: the classifier's, and ban evasion (a delisted person's new account), raised by a rule. */
export const FLAG_CATEGORIES = [...CATEGORIES, 'ban_evasion'] as const;
