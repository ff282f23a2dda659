// What the XML list readers (the UN's consolidated.xml, OFAC's advanced XML) share: libxml2
// parsing a published file safely (recovering what it can of a damaged one, never fetching or
// expanding entities) and the few DOM look-ups they make. libxml2 stays inside the watchlist
// module: only its internal readers include this header.
//
//   CC_ASSIGN_OR_RETURN(ListXml xml, ParseListXml(text, "consolidated.xml"));
//   if (xml.errors.count > 0) issues.Add(... xml.errors.MalformedMessage() ...);
//   for (const xmlNode* node = xml.root->children; ...) if (IsElement(node, "INDIVIDUALS")) ...
#pragma once

#include <libxml/tree.h>

#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "crosscheck/common/error.h"

namespace crosscheck::watchlist::internal {

struct XmlDocFree {
  void operator()(xmlDocPtr doc) const { xmlFreeDoc(doc); }
};

// XmlErrors is what libxml2 reported while reading a file: the first error and the count (0
// when the file is well formed).
struct XmlErrors {
  int count = 0;
  long line = 0;
  std::string message;

  // MalformedMessage says what was wrong: "the XML is not well formed (<first error>, and N
  // more errors); entries after the damage may be missing".
  std::string MalformedMessage() const;
};

// ListXml is a parsed list file: the document, its root element (never null) and the errors
// libxml2 recovered from.
struct ListXml {
  std::unique_ptr<xmlDoc, XmlDocFree> doc;
  const xmlNode* root = nullptr;
  XmlErrors errors;
};

// ParseListXml parses text in recovery mode, without network access or entity expansion, with
// line numbers past 65535. Errors: kInvalidInput when text is too large, empty or yields no
// root element (the message names file_name and the parser's first error).
Result<ListXml> ParseListXml(std::string_view text, std::string_view file_name);

// StreamListXml reads text element by element (libxml2's xmlTextReader), so a file of hundreds
// of megabytes never becomes one tree: the root element must be named root; every element named
// in expand is handed to visit whole, as a subtree valid during the call (and not descended
// into); other elements are descended into. Reading stops at damage libxml2 cannot get past;
// the errors are returned. Same safety options as ParseListXml. Errors: kInvalidInput when text
// is too large, holds no element, or its root is not root.
Result<XmlErrors> StreamListXml(std::string_view text, std::string_view file_name, const char* root,
                                std::initializer_list<const char*> expand,
                                const std::function<void(const xmlNode*)>& visit);

// IsElement: node is an element whose local name (any namespace) is name.
bool IsElement(const xmlNode* node, const char* name);

// NodeText returns the text and CDATA directly inside node, trimmed (entity references are
// left out rather than expanded).
std::string NodeText(const xmlNode* node);

// ChildElement returns node's first child element named name, or nullptr; ChildText its text
// ("" when there is none).
const xmlNode* ChildElement(const xmlNode* node, const char* name);
std::string ChildText(const xmlNode* node, const char* name);

// Attribute returns node's attribute name, trimmed; "" when absent.
std::string Attribute(const xmlNode* node, const char* name);

}  // namespace crosscheck::watchlist::internal
