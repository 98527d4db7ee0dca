// Wagtail 8 saves an edit form by itself (autosave, `w-autosave`). Once the form is sent for
// real (save, publish, a workflow action such as "Goedkeuren en publiceren"), an autosave
// started after that would post the revision the page was loaded with, which the submission
// has just replaced: Wagtail refuses it as a conflict (400). A workflow action also leaves its
// hidden fields in the form, so the autosave would carry the approval. The autosave
// controller's `w-autosave:save` event is cancelable: it is cancelled from the submission on.
(() => {
  const WORKFLOW_FIELDS = ["action-workflow-action", "workflow-action-name"];

  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!event.defaultPrevented && form.matches("[data-edit-form]")) {
      form.dataset.wppSubmitted = "true";
    }
  });

  document.addEventListener("w-autosave:save", (event) => {
    const form = event.target;
    const formData = event.detail && event.detail.formData;
    const carriesAction = formData && WORKFLOW_FIELDS.some((name) => formData.has(name));
    if (form.dataset.wppSubmitted || carriesAction) {
      event.preventDefault();
    }
  });
})();
