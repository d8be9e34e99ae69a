/**
 * Brings the petition for `caseId` under `root` into view and puts the supporter in its first field.
 * False when there is no such petition.
 */
export function focusPetition(root: ParentNode, caseId: string): boolean {
  const petition = [...root.querySelectorAll('w4r-petition')].find(
    (element) => element.getAttribute('case') === caseId,
  );
  if (!petition) return false;
  petition.scrollIntoView({ block: 'start', behavior: 'smooth' });
  (petition as unknown as { focusFirstField?: () => void }).focusFirstField?.();
  return true;
}
