/** NodeRun ids are `<conversation>-n<count>`: the count orders steps that started in the same millisecond. */
export const runNumber = (id: string) => Number(id.slice(id.lastIndexOf("-n") + 2)) || 0;
