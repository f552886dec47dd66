package io.carveout.testing;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Reading the memory-map drawing back: the SVG parsed as XML, and its elements by class. */
public final class Svg {
    private Svg() {
    }

    /** The SVG as an XML document: a drawing that is not well-formed fails here. */
    public static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    /** Every element with the class, in document order. */
    public static List<Element> withClass(Document svg, String className) {
        List<Element> out = new ArrayList<>();
        NodeList all = svg.getElementsByTagNameNS("*", "*");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (Arrays.asList(e.getAttribute("class").split(" ")).contains(className)) {
                out.add(e);
            }
        }
        return out;
    }

    /** The bar of a region (the first, for a region of several reg entries). */
    public static Element region(Document svg, String name) {
        return withClass(svg, "region").stream().filter(e -> e.getAttribute("data-name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no bar for " + name));
    }

    public static Element child(Element parent, String tag) {
        return (Element) parent.getElementsByTagNameNS("*", tag).item(0);
    }

    public static double number(Element e, String attribute) {
        return Double.parseDouble(e.getAttribute(attribute));
    }
}
