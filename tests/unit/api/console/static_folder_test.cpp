// StaticFolder: which files of a folder it serves. Only regular files inside the
// folder once symlinks are resolved, one folder deep, no hidden names, typed by
// extension, within the size limits; any other lookup misses.
#include "console/static_folder.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "temp_dir.hpp"

namespace switchyard::api {
namespace {

namespace fs = std::filesystem;
using testing::TempDir;

class StaticFolderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(root_ / "pages");
    fs::create_directories(root_ / "pages" / "deeper");
    fs::create_directories(root_ / ".hidden");
    assets_.write("index.html", "<!DOCTYPE html>");
    assets_.write("app.js", "export {};");
    assets_.write("pages/tasks.js", "export const tasks = 1;");
    assets_.write("pages/deeper/too_deep.js", "too deep");
    assets_.write(".hidden/secret.js", "hidden");
    assets_.write(".env.js", "hidden");
    assets_.write("notes.md", "not a served type");
    outside_.write("secret.js", "outside the folder");
  }

  TempDir assets_;
  TempDir outside_;
  fs::path root_ = assets_.path();
};

TEST_F(StaticFolderTest, ServesItsFilesByRelativePathWithTheirTypes) {
  const StaticFolder folder(root_.string());
  ASSERT_NE(folder.find("index.html"), nullptr);
  EXPECT_EQ(folder.find("index.html")->content_type, "text/html; charset=utf-8");
  ASSERT_NE(folder.find("pages/tasks.js"), nullptr);
  EXPECT_EQ(folder.find("pages/tasks.js")->body, "export const tasks = 1;");
  EXPECT_EQ(folder.find("app.js")->content_type, "application/javascript; charset=utf-8");
  EXPECT_EQ(folder.size(), 3u);
}

TEST_F(StaticFolderTest, EveryOtherPathMisses) {
  const StaticFolder folder(root_.string());
  for (const char* path :
       {"", ".", "..", "../secret.js", "pages/../app.js", "./app.js", "/app.js",
        (root_ / "app.js").c_str(), "pages", "pages/", "pages\\tasks.js", "pages//tasks.js",
        "pages/deeper/too_deep.js", ".hidden/secret.js", ".env.js", "notes.md", "APP.JS"}) {
    EXPECT_EQ(folder.find(path), nullptr) << path;
  }
  EXPECT_EQ(folder.find(std::string_view("app.js\0", 7)), nullptr);
}

TEST_F(StaticFolderTest, SymlinksLeavingTheFolderAreNotServed) {
  fs::create_symlink(outside_.path() / "secret.js", root_ / "link_out.js");
  fs::create_directory_symlink(outside_.path(), root_ / "linked_dir");
  fs::create_symlink(root_ / "app.js", root_ / "link_in.js");
  const StaticFolder folder(root_.string());
  EXPECT_EQ(folder.find("link_out.js"), nullptr);
  EXPECT_EQ(folder.find("linked_dir/secret.js"), nullptr);
  ASSERT_NE(folder.find("link_in.js"), nullptr);  // inside: the same file under another name
  EXPECT_EQ(folder.find("link_in.js")->body, "export {};");
}

TEST_F(StaticFolderTest, FilesPastTheSizeLimitAreNotServed) {
  assets_.write("big.js", std::string(StaticFolder::kMaxFileBytes + 1, 'x'));
  assets_.write("fits.js", std::string(StaticFolder::kMaxFileBytes, 'x'));
  const StaticFolder folder(root_.string());
  EXPECT_EQ(folder.find("big.js"), nullptr);
  EXPECT_NE(folder.find("fits.js"), nullptr);
}

TEST_F(StaticFolderTest, EtagsFollowTheContent) {
  assets_.write("same.js", "export {};");
  const StaticFolder folder(root_.string());
  EXPECT_EQ(folder.find("same.js")->etag, folder.find("app.js")->etag);
  EXPECT_NE(folder.find("pages/tasks.js")->etag, folder.find("app.js")->etag);
  EXPECT_EQ(folder.find("app.js")->etag.front(), '"');
}

TEST_F(StaticFolderTest, AMissingFolderServesNothing) {
  const StaticFolder folder((root_ / "absent").string());
  EXPECT_EQ(folder.size(), 0u);
  EXPECT_EQ(folder.find("index.html"), nullptr);
}

}  // namespace
}  // namespace switchyard::api
