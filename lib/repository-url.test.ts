import { describe, expect, it } from "vitest";
import { repositoryProtocol, repositoryUrlProblem } from "./repository-url";

describe("repository URLs", () => {
  it.each([
    ["https://github.com/team/app.git", "https"],
    ["https://git.example.com:8443/group/sub/app", "https"],
    ["ssh://git@github.com/team/app.git", "ssh"],
    ["ssh://git@git.example.com:2222/team/app.git", "ssh"],
  ])("accepts %s", (url, protocol) => {
    expect(repositoryUrlProblem(url)).toBeNull();
    expect(repositoryProtocol(url)).toBe(protocol);
  });

  it.each([
    ["", "Enter the repository URL, like https://github.com/team/app.git."],
    [
      "git@github.com:team/app.git",
      "Write it as an ssh:// URL: ssh://git@github.com/team/app.git.",
    ],
    [
      "http://github.com/team/app.git",
      "Use an https:// or ssh:// URL; other schemes are not accepted.",
    ],
    [
      "git://github.com/team/app.git",
      "Use an https:// or ssh:// URL; other schemes are not accepted.",
    ],
    ["file:///srv/git/app.git", "Use an https:// or ssh:// URL; other schemes are not accepted."],
    ["github.com/team/app", "Enter a URL, like https://github.com/team/app.git."],
    [
      "https://github.com/",
      "The URL must name a repository, like https://github.com/team/app.git.",
    ],
    ["https://github.com/team/my app", "A repository URL has no spaces."],
    [
      "https://user:token@github.com/team/app.git",
      "Leave credentials out of the URL; add them as a repository credential of the space.",
    ],
    [
      "https://token@github.com/team/app.git",
      "Leave credentials out of the URL; add them as a repository credential of the space.",
    ],
    [
      "ssh://git:secret@github.com/team/app.git",
      "Leave credentials out of the URL; add them as a repository credential of the space.",
    ],
    [`https://github.com/${"a".repeat(2048)}`, "A repository URL has at most 2048 characters."],
  ])("refuses %s", (url, problem) => {
    expect(repositoryUrlProblem(url)).toBe(problem);
    expect(repositoryProtocol(url)).toBeNull();
  });
});
