// The article body editor: django-prose-editor's own module, imported by a relative
// URL so the page needs no inline import map (the admin's CSP allows no inline script).
// The textarea carries the allowed extensions as JSON (see articles/admin/forms.py).
import * as prose from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-body-editor";

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE));
  const extensions = Object.entries(config.extensions)
    .filter(([name]) => prose[name])
    .map(([name, options]) =>
      typeof options === "object" ? prose[name].configure(options) : prose[name],
    );
  const editor = prose.createTextareaEditor(textarea, extensions);
  // The editing surface is named after the field's own label for screen readers.
  const label = document.querySelector(`label[for="${textarea.id}"]`);
  const surface = editor.view.dom;
  surface.setAttribute("role", "textbox");
  surface.setAttribute("aria-multiline", "true");
  if (label) {
    label.id = label.id || `${textarea.id}-label`;
    surface.setAttribute("aria-labelledby", label.id);
    // The hidden textarea is not what people type in; the label points at the editor.
    label.addEventListener("click", () => editor.commands.focus());
  }
  return editor;
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
