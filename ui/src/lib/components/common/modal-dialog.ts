/**
 * `use:modalDialog={pick}` on a <dialog>: opens it as a modal when mounted and focuses the element
 * `pick` finds in it; when unmounted, closes it and gives focus back to where it was before.
 */
export function modalDialog(dialog: HTMLDialogElement, pick: (dialog: HTMLDialogElement) => HTMLElement | null) {
  const before = document.activeElement as HTMLElement | null;
  dialog.showModal();
  pick(dialog)?.focus();
  return {
    destroy() {
      if (dialog.open) dialog.close();
      if (before && document.contains(before)) before.focus();
    },
  };
}
