// The article body editor: django-prose-editor's own module, imported by a relative
// URL so the page needs no inline import map (the admin's CSP allows no inline script).
// The textarea carries the allowed extensions as JSON (see articles/admin/forms.py).
import * as prose from "../django_prose_editor/editor.js";

const ATTRIBUTE = "data-body-editor";

// Google Docs wraps a copied selection in <b style="font-weight:normal">. Under the
// desk's CSP the style attribute of pasted markup is not read, so the wrapper would
// make the whole paste bold: drop it before the editor parses the paste.
const CleanPaste = prose.Extension.create({
  name: "deskCleanPaste",
  addProseMirrorPlugins() {
    return [
      new prose.Plugin({
        props: {
          transformPastedHTML(html) {
            return html.replace(/<b\b[^>]*id="docs-internal-guid[^"]*"[^>]*>([\s\S]*)<\/b>/i, "$1");
          },
        },
      }),
    ];
  },
});

function createEditor(textarea) {
  if (textarea.closest(".prose-editor")) return null;
  const config = JSON.parse(textarea.getAttribute(ATTRIBUTE));
  const extensions = Object.entries(config.extensions)
    .filter(([name]) => prose[name])
    .map(([name, options]) =>
      typeof options === "object" ? prose[name].configure(options) : prose[name],
    );
  const editor = prose.createTextareaEditor(textarea, [...extensions, CleanPaste]);
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
  translateMenu(textarea.closest(".prose-editor"));
  return editor;
}

// The editor's menu names its buttons in English without gettext; the desk speaks
// Indonesian, so each name goes through the admin's JavaScript catalog.
function translateMenu(root) {
  const gettext = window.gettext || ((text) => text);
  for (const button of root.querySelectorAll(".prose-menubar [aria-label]")) {
    const name = gettext(button.getAttribute("aria-label"));
    button.setAttribute("aria-label", name);
    button.setAttribute("title", name);
  }
  for (const option of root.querySelectorAll(".prose-menubar__option > *")) {
    option.textContent = gettext(option.textContent);
  }
}

prose.initializeEditors(createEditor, `[${ATTRIBUTE}]`);
