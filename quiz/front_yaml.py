"""A page's front matter read as plain data: tags, anchors, aliases and merge keys are mistakes.

MkDocs reads front matter with YAML's safe loader and, when that fails (a `!secret` or `!!python/name:` tag),
silently drops all of it: the page loses its title and quiz settings, and the YAML is published as page text.
Aliases and merge keys load, but a value written elsewhere could not be reported on its own line, and merge
keys belong to YAML 1.1 only, so readers of the front matter disagree on them. So every page's front matter
is checked here, event by event, before anything constructs it.
"""

import yaml
from mkdocs.utils.meta import YAML_RE

# The YAML starts on the file's second line, after the opening "---".
FIRST_LINE = 2

UNLOADABLE_TAG_MESSAGE = (
    "the YAML tag %s in the front matter is not allowed: MkDocs cannot load it and would drop the whole "
    "front matter, publishing it as page text; remove the tag (put the value in quotes if it must stay text)"
)
TAG_MESSAGE = (
    "the YAML tag %s in the front matter is not allowed: front matter is plain data, read alike by every tool "
    "without tags; remove the tag (put the value in quotes if it must stay text)"
)
ANCHOR_MESSAGE = (
    "the YAML anchor &%s in the front matter is not allowed: write each value out where it is used, so that a "
    "mistake in it is reported on its own line"
)
ALIAS_MESSAGE = (
    "the YAML alias *%s in the front matter is not allowed: write the value out here, so that a mistake in it "
    "is reported on its own line"
)
MERGE_MESSAGE = (
    "the YAML merge key << in the front matter is not allowed: merge keys are YAML 1.1 only, so readers of the "
    "front matter disagree on them; write the keys out"
)


def front_matter(text):
    """The YAML text of a page's front matter (as MkDocs finds it), or None."""
    match = YAML_RE.match(text)
    return match.group(1) if match else None


def _line(event):
    return event.start_mark.line + FIRST_LINE


def unsafe_constructs(yaml_text):
    """[(line, message)] for each tag, anchor, alias or merge key in the front matter's YAML. A syntax
    error ends the scan: it is reported by whoever loads the settings."""
    found = []
    try:
        for event in yaml.parse(yaml_text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.AliasEvent):
                found.append((_line(event), ALIAS_MESSAGE % event.anchor))
                continue
            if getattr(event, "anchor", None):
                found.append((_line(event), ANCHOR_MESSAGE % event.anchor))
            # The parser sets a tag only where one is written; `!` alone just marks a value as text.
            tag = getattr(event, "tag", None)
            if tag not in (None, "!"):
                loadable = tag in yaml.SafeLoader.yaml_constructors
                found.append((_line(event), (TAG_MESSAGE if loadable else UNLOADABLE_TAG_MESSAGE) % _shown(tag)))
            elif isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.style is None:
                found.append((_line(event), MERGE_MESSAGE))
    except yaml.YAMLError:
        pass
    return found


def _shown(tag):
    """A tag as the author wrote it: `!!python/name:x`, not its expanded `tag:yaml.org,2002:` form."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


UNLOADABLE_VALUE_MESSAGE = (
    "the front matter's %s cannot be loaded (%s): MkDocs would drop the whole front matter, publishing it as "
    "page text; put the value in quotes"
)


def page_issues(text):
    """[(line, message)] for a page's front matter: unsafe_constructs, then values YAML's safe loader cannot
    build (`2024-02-30` reads as a date that does not exist)."""
    yaml_text = front_matter(text)
    if yaml_text is None:
        return []
    found = unsafe_constructs(yaml_text)
    if found:
        return found
    loader = yaml.SafeLoader(yaml_text)
    try:
        root = loader.get_single_node()
        for key_node, value_node in root.value if isinstance(root, yaml.MappingNode) else ():
            try:
                loader.construct_object(value_node, deep=True)
            except (yaml.YAMLError, ValueError, TypeError) as error:
                problem = " ".join(str(error).split("\n")[0].split())
                found.append(
                    (value_node.start_mark.line + FIRST_LINE, UNLOADABLE_VALUE_MESSAGE % (key_node.value, problem))
                )
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return found


def safe_data(text):
    """The front matter of a page as a dict, or None when it has none, is not valid YAML, is not a mapping
    or holds a construct unsafe_constructs names."""
    yaml_text = front_matter(text)
    if yaml_text is None or unsafe_constructs(yaml_text):
        return None
    try:
        data = yaml.safe_load(yaml_text)
    except (yaml.YAMLError, ValueError, TypeError):  # as page_issues reports them
        return None
    return data if isinstance(data, dict) else None


def value_line(text, key):
    """The file line of a top-level key of the front matter, or 1."""
    yaml_text = front_matter(text)
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader) if yaml_text is not None else None
    except yaml.YAMLError:
        root = None
    if isinstance(root, yaml.MappingNode):
        for key_node, value_node in root.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value_node.start_mark.line + FIRST_LINE
    return 1
