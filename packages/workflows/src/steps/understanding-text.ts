/** The understanding activities accept up to 4000 characters; longer text is cut, not refused. */
export const MAX_UNDERSTANDING_TEXT = 4000;
