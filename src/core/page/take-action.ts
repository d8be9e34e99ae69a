/**
 * Brings the petition for `caseId` under `root` into view and puts the supporter in its first field.
 * False when there is no such petition.
 */
export function focusPetition(root: ParentNode, caseId: string): boolean {
  const petition = [...root.querySelectorAll('w4r-petition')].find(
    (element) => element.getAttribute('case') === caseId,
  );
  if (!petition) return false;
  // Browsers do not tone down a scroll a script asks to be smooth; people who prefer less motion jump.
  const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
  petition.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
  (petition as unknown as { focusFirstField?: () => void }).focusFirstField?.();
  return true;
}

/** The cases of the petitions under `root`, in the page's order, but for `except`'s. */
export function petitionCases(root: ParentNode, except?: Element): string[] {
  return [...root.querySelectorAll('w4r-petition')]
    .filter((petition) => petition !== except)
    .map((petition) => petition.getAttribute('case') ?? '')
    .filter(Boolean);
}
