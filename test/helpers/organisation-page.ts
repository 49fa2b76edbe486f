/**
 * A small organisation for the page's tests, built as resolved ladders (the shape scripts/resolve/ gives the
 * generators): a base `core`, two tracks on the `ic` scale (SRE inheriting from core with an override and a
 * not-applicable cell; QA starting at L2), prose at every place prose may stand, and hostile text in it.
 */
import type { Ladder, Organisation } from "../../scripts/model/model.js";

export const organisation: Organisation = {
  file: "ladder/organisation.yaml",
  title: "Acme Engineering",
  scales: [
    {
      id: "ic",
      name: "Individual contributor",
      levels: [
        { id: "s1", code: "L1", title: "Junior", summary: "Learns the craft." },
        { id: "s2", code: "L2", title: "Intermediate", summary: "Works independently." },
      ],
    },
  ],
  tracks: [
    { ladder: "sre", name: "SRE" },
    { ladder: "qa", name: "QA" },
  ],
};

const scaleLevels = {
  s1: {
    id: "s1",
    code: "L1",
    title: "Junior",
    summary: "Learns the craft.",
    scale: "ic",
    scaleName: "Individual contributor",
  },
  s2: {
    id: "s2",
    code: "L2",
    title: "Intermediate",
    summary: "Works independently.",
    scale: "ic",
    scaleName: "Individual contributor",
  },
};

export const core: Ladder = {
  id: "core",
  file: "ladder/core.yaml",
  title: "Core",
  levels: [
    { id: "l1", code: "L1", title: "Junior", scale: "s1" },
    { id: "l2", code: "L2", title: "Intermediate", scale: "s2" },
  ],
  categories: [
    {
      id: "engagement",
      name: "Engagement",
      competencies: [
        { id: "communication", name: "Communication", cells: { l1: "Asks for help.", l2: "Helps others." } },
      ],
    },
  ],
  organisation: { title: "Acme Engineering", scaleLevels },
};

export const sreTrack: Ladder = {
  id: "sre",
  file: "ladder/sre.yaml",
  title: "Site Reliability",
  extends: "core",
  prose: [
    {
      heading: "How to read <this>",
      text: "Read **each row** with your lead; see [the guide](https://example.com/guide).\n\n- one\n- two <script>x</script>",
    },
  ],
  afterword: [{ heading: "Afterword", depth: 3, text: "Questions go to `#ladders`." }],
  levels: [
    { id: "l1", code: "L1", title: "Junior SRE", scale: "s1", prose: [{ text: "New on call: *shadow* first." }] },
    { id: "l2", code: "L2", title: "SRE", scale: "s2" },
  ],
  categories: [
    {
      id: "engagement",
      name: "Engagement",
      from: "core",
      prose: [{ heading: "Why engagement", text: "It **matters**." }],
      competencies: [
        {
          id: "communication",
          name: "Communication",
          from: "core",
          cells: { l1: "Asks for help.", l2: "Writes incident reviews." },
          cellsFrom: { l1: "core" },
        },
      ],
    },
    {
      id: "skill",
      name: "Skill",
      competencies: [
        {
          id: "on-call",
          name: "On call",
          description: "Shifts and incidents.",
          prose: [{ text: "Pages come at night." }],
          cells: { l2: "Takes shifts." },
          notApplicable: { l1: "Juniors do not take shifts." },
        },
        { id: "tooling", name: "Tooling", cells: { l1: "Uses tools." }, notApplicable: { l2: "" } },
      ],
    },
  ],
  organisation: { title: "Acme Engineering", track: "SRE", scaleLevels },
};

export const qaTrack: Ladder = {
  id: "qa",
  file: "ladder/qa.yaml",
  title: "Quality",
  extends: "core",
  levels: [{ id: "q2", code: "L2", title: "QA Engineer", scale: "s2" }],
  dropped: [{ id: "on-call", name: "On call", category: "skill", from: "core", reason: "QA takes no shifts." }],
  categories: [
    {
      id: "engagement",
      name: "Engagement",
      from: "core",
      competencies: [
        {
          id: "communication",
          name: "Communication",
          from: "core",
          cells: { q2: "Helps others." },
          cellsFrom: { q2: "core" },
        },
      ],
    },
  ],
  organisation: { title: "Acme Engineering", track: "QA", scaleLevels },
};

export const ladders = [core, qaTrack, sreTrack];
